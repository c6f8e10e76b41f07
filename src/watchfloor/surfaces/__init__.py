"""surfaces stage."""

"""Static word vectors for the Japanese character model, borrowed from the installed ja_ginza.

ja_ginza ships chiVe vectors (20k rows of 300 dims behind ~480k Sudachi normalised forms). The
trained model stores only a 300→k projection learned at training time (PCA); at load time the
ja_ginza table is projected and attached to the model's vocab, keyed by NORM (each character's
morpheme form), so nothing large is copied into this package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from spacy.vectors import Vectors

PROJECTION_FILE = "vectors_projection.npy"


def _ginza_vocab_dir() -> Path:
    import ja_ginza

    root = Path(ja_ginza.__file__).parent
    return next(root.glob("ja_ginza-*/vocab"))


def ginza_table() -> tuple[Any, dict[int, int]]:
    """ja_ginza's vector rows (float32, 300 dims) and its key → row map."""
    from spacy.vocab import Vocab

    vocab = Vocab().from_disk(_ginza_vocab_dir())
    data = np.asarray(vocab.vectors.data, dtype=np.float32)
    return data, dict(vocab.vectors.key2row)


def pca_projection(data: Any, dim: int) -> Any:
    """A 300 → ``dim`` projection onto the table's principal directions."""
    centred = data - data.mean(axis=0, keepdims=True)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    return vt[:dim].T.astype(np.float32)


def projected_vectors(projection: Any) -> Vectors:
    """The ja_ginza table projected with ``projection``, keyed by NORM."""
    data, key2row = ginza_table()
    reduced = (data @ projection).astype(np.float32)
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True).clip(1e-6)
    vectors = Vectors(shape=reduced.shape, attr="NORM")
    vectors.data[:] = reduced
    for key, row in key2row.items():
        vectors.add(key, row=row)
    return vectors


def attach(vocab: Any, model_path: Path) -> bool:
    """Attach projected vectors to a loaded model's vocab when the model was trained with them."""
    path = model_path / PROJECTION_FILE
    if not path.exists():
        return False
    vocab.vectors = projected_vectors(np.load(path))
    return True

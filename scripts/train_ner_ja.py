"""Train the Japanese NER model shipped in src/watchfloor/data/models/ner-ja from Stockmark.

Usage (cwd /work/main): .venv/bin/python scripts/train_ner_ja.py --shared ../shared
A character-level CRF (watchfloor.entities.ner_crf), one CPU thread. Split: sentences of
ner.json whose 0-based index % 5 == 0 are held out (scored, never trained on); the sentences
with index % 5 == 1 score the settings (a probe model fit without them); the shipped model is
then fit on every non-held-out sentence with those settings.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from watchfloor.entities.ner_crf_train import CrfSettings, train
from watchfloor.entities.ner_suites import load_stockmark

MODEL_DIR = Path(__file__).resolve().parents[1] / "src/watchfloor/data/models/ner-ja"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--c1", type=float, default=CrfSettings().c1, help="L1 regularisation")
    ap.add_argument("--c2", type=float, default=CrfSettings().c2, help="L2 regularisation")
    ap.add_argument("--iterations", type=int, default=CrfSettings().iterations)
    args = ap.parse_args()
    sents = load_stockmark(args.shared / "benchmarks/ner-ja/ner.json")
    settings = CrfSettings(c1=args.c1, c2=args.c2, iterations=args.iterations)
    dev, held = train(
        sents, args.out, settings, "Stockmark ner-wikipedia-dataset v2.0 (CC BY-SA 3.0)"
    )
    for name, scores in (("dev", dev), ("held-out", held)):
        for label in (None, "PER", "ORG", "LOC"):
            p, r, f = scores.prf(label)
            print(f"{name} {label or 'ALL'}: P {p:.3f} R {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main()

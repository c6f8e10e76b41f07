"""Train the Japanese NER model shipped in src/watchfloor/data/models/ner-ja from Stockmark.

Usage (cwd /work/main): .venv/bin/python scripts/train_ner_ja.py --shared ../shared
Split: sentences of ner.json whose 0-based index % 5 == 0 are held out (scored,
never trained on); the first 400 with index % 5 == 1 pick the best epoch; the rest train.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from watchfloor.entities.ner_suites import load_stockmark
from watchfloor.entities.ner_train import TrainSettings, train

MODEL_DIR = Path(__file__).resolve().parents[1] / "src/watchfloor/data/models/ner-ja"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--epochs", type=int, default=TrainSettings().epochs)
    ap.add_argument("--max-seconds", type=float, default=TrainSettings().max_seconds)
    ap.add_argument("--dropout", type=float, default=TrainSettings().dropout)
    ap.add_argument("--width", type=int, default=TrainSettings().width)
    ap.add_argument("--window", type=int, default=TrainSettings().window)
    ap.add_argument("--vectors", type=int, default=64, help="ja_ginza vector dims (0: none)")
    args = ap.parse_args()
    sents = load_stockmark(args.shared / "benchmarks/ner-ja/ner.json")
    settings = TrainSettings(
        epochs=args.epochs,
        max_seconds=args.max_seconds,
        dropout=args.dropout,
        width=args.width,
        window=args.window,
        vectors=args.vectors,
    )
    scores = train(
        "ja", sents, args.out, settings, "Stockmark ner-wikipedia-dataset v2.0 (CC BY-SA 3.0)"
    )
    for label in (None, "PER", "ORG", "LOC"):
        p, r, f = scores.prf(label)
        print(f"held-out {label or 'ALL'}: P {p:.3f} R {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main()

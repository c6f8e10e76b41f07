"""Train the Korean NER model shipped in src/watchfloor/data/models/ner-ko from KLUE-NER dev.

Usage (cwd /work/main): .venv/bin/python scripts/train_ner_ko.py --shared ../shared
Split: sentences of klue-ner-v1.1_dev.tsv whose 0-based index % 5 == 0 are held out (scored,
never trained on); the first 400 with index % 5 == 1 pick the best epoch; the rest train.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from watchfloor.entities.ner_suites import load_klue
from watchfloor.entities.ner_train import TrainSettings, train

MODEL_DIR = Path(__file__).resolve().parents[1] / "src/watchfloor/data/models/ner-ko"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--epochs", type=int, default=TrainSettings().epochs)
    ap.add_argument("--max-seconds", type=float, default=TrainSettings().max_seconds)
    ap.add_argument("--dropout", type=float, default=TrainSettings().dropout)
    ap.add_argument("--width", type=int, default=TrainSettings().width)
    ap.add_argument("--window", type=int, default=TrainSettings().window)
    args = ap.parse_args()
    sents = load_klue(args.shared / "benchmarks/ner-ko/klue-ner-v1.1_dev.tsv")
    settings = TrainSettings(
        epochs=args.epochs,
        max_seconds=args.max_seconds,
        dropout=args.dropout,
        width=args.width,
        window=args.window,
    )
    scores = train("ko", sents, args.out, settings, "KLUE-NER v1.1 dev (CC BY-SA 4.0)")
    for label in (None, "PER", "ORG", "LOC"):
        p, r, f = scores.prf(label)
        print(f"held-out {label or 'ALL'}: P {p:.3f} R {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main()

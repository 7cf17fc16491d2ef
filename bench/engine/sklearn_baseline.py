"""Baseline for the engine benchmark: the same evaluation as `evalgate evaluate`, done the way a
team does it today, with pandas (read the CSV) and scikit-learn (the metrics), overall and per
value of the slice column. Prints one JSON object of the overall and per-slice metrics on stdout
so the benchmark can check both tools agree.

Usage: python3 sklearn_baseline.py FILE TARGET PREDICTED PROB_COL,PROB_COL,... SLICE
"""
import json
import sys

import numpy as np
import pandas as pd
from sklearn import metrics


def evaluate(frame, target, predicted, probability_columns, labels):
    y_true = frame[target].to_numpy()
    y_pred = frame[predicted].to_numpy()
    proba = frame[probability_columns].to_numpy()
    result = {
        "example_count": int(len(frame)),
        "accuracy_score": metrics.accuracy_score(y_true, y_pred),
        "precision_score": metrics.precision_score(y_true, y_pred, average="weighted", zero_division=0),
        "recall_score": metrics.recall_score(y_true, y_pred, average="weighted", zero_division=0),
        "f1_score": metrics.f1_score(y_true, y_pred, average="weighted", zero_division=0),
        "balanced_accuracy_score": metrics.balanced_accuracy_score(y_true, y_pred),
        "matthews_corrcoef": metrics.matthews_corrcoef(y_true, y_pred),
        "log_loss": metrics.log_loss(y_true, proba, labels=labels),
        "confusion_matrix": metrics.confusion_matrix(y_true, y_pred, labels=labels).tolist(),
    }
    present = set(np.unique(y_true))
    if len(present) == len(labels):
        result["roc_auc"] = metrics.roc_auc_score(
            y_true, proba, multi_class="ovr", average="weighted", labels=labels
        )
    return result


def main():
    path, target, predicted, probability_arg, slice_column = sys.argv[1:6]
    # Column i holds the probability of label i; roc_auc_score wants the labels sorted.
    pairs = sorted(
        (column[2:] if column.startswith("p_") else column, column) for column in probability_arg.split(",")
    )
    labels = [label for label, _ in pairs]
    probability_columns = [column for _, column in pairs]
    frame = pd.read_csv(path)
    overall = evaluate(frame, target, predicted, probability_columns, labels)
    slices = {}
    for value, group in frame.groupby(slice_column):
        slices[f"{slice_column}={value}"] = evaluate(group, target, predicted, probability_columns, labels)
    for result in [overall, *slices.values()]:
        result.pop("confusion_matrix")
    json.dump({"metrics": overall, "slices": slices}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

"""`manage.py bench_compare a.json b.json`: two `bench --json` runs, page by page.

make bench runs the bench on SQLite (a) then on PostgreSQL (b) and prints, for each
page, the time on both and the ratio b / a, flagged over the target of issue 9
(PostgreSQL pages within 1.15 × SQLite). It reads files only: no database is touched.
"""

import json
import statistics
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from .bench import JSON_FORMAT

TARGET_RATIO = 1.15


def load(path):
    """The results of one bench run, or a clear error."""
    try:
        results = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{path} : lecture impossible ({error}).") from error
    if not isinstance(results, dict) or results.get("format") != JSON_FORMAT:
        raise CommandError(f"{path} : ce n'est pas un résultat de « manage.py bench --json ».")
    return results


def rows(results):
    """{label: row} of the references, pages and downloads of a run."""
    return {
        row["label"]: row
        for section in ("references", "pages", "downloads")
        for row in results.get(section) or []
    }


def _ratio(b, a):
    return b / a if a else float("inf")


def compare(before, after, target=TARGET_RATIO):
    """[{label, a, b, ratio, best_ratio, reference, over}] for the labels of both runs.

    `ratio` is b / a of the medians, the target's measure; `best_ratio` the same on the
    best times and `cpu_ratio` on the CPU times (app and database server), which a busy
    machine disturbs less. References are listed but never flagged: they measure the
    machine, not the app.
    """
    a, b = rows(before), rows(after)
    references = {row["label"] for row in before.get("references") or []}
    result = []
    for label, row_a in a.items():
        if label not in b:
            continue
        row_b = b[label]
        ratio = _ratio(row_b["ms"], row_a["ms"])
        best_a, best_b = row_a.get("best_ms"), row_b.get("best_ms")
        cpu_a, cpu_b = row_a.get("cpu_ms"), row_b.get("cpu_ms")
        reference = label in references
        result.append(
            {
                "label": label,
                "a": row_a["ms"],
                "b": row_b["ms"],
                "ratio": ratio,
                "best_ratio": _ratio(best_b, best_a) if best_a and best_b else None,
                "cpu_ratio": _ratio(cpu_b, cpu_a) if cpu_a and cpu_b else None,
                "reference": reference,
                "over": not reference and ratio > target,
            }
        )
    return result


def _name(results):
    db = results.get("database") or {}
    return str(db.get("vendor", "?"))


class Command(BaseCommand):
    help = (
        "Compare deux résultats de « bench --json » page par page (b / a) et signale les "
        "pages au-delà de la cible (1,15 × par défaut)."
    )

    def add_arguments(self, parser):
        parser.add_argument("a", help="Résultats de référence (par exemple SQLite).")
        parser.add_argument("b", help="Résultats comparés (par exemple PostgreSQL).")
        parser.add_argument(
            "--target", type=float, default=TARGET_RATIO, help="Rapport cible (1.15)."
        )
        parser.add_argument(
            "--fail",
            action="store_true",
            help="Termine en erreur si une page dépasse la cible.",
        )

    def handle(self, *args, a, b, target, fail=False, **options):
        before, after = load(a), load(b)
        name_a, name_b = _name(before), _name(after)
        compared = compare(before, after, target)
        if not compared:
            raise CommandError("Aucune page en commun entre les deux résultats.")
        write = self.stdout.write
        write(f"{name_b} / {name_a}, page par page (cible : ≤ {target:.2f} ×)")
        header = (
            f"{'Page':32} {name_a + ' ms':>12} {name_b + ' ms':>14} {'rapport':>8} "
            f"{'meilleurs':>9} {'CPU':>6}"
        )
        write(header)
        write("-" * len(header))
        for row in compared:
            flag = f"  > {target:.2f} ×" if row["over"] else ""
            best = "" if row["best_ratio"] is None else f"{row['best_ratio']:.2f}"
            cpu = "" if row["cpu_ratio"] is None else f"{row['cpu_ratio']:.2f}"
            write(
                f"{row['label']:32} {row['a']:12.2f} {row['b']:14.2f} "
                f"{row['ratio']:8.2f} {best:>9} {cpu:>6}{flag}"
            )
        pages = [row for row in compared if not row["reference"]]
        over = [row["label"] for row in compared if row["over"]]
        write("")
        if pages:
            ratios = [row["ratio"] for row in pages]
            best = [row["best_ratio"] for row in pages if row["best_ratio"] is not None]
            cpu = [row["cpu_ratio"] for row in pages if row["cpu_ratio"] is not None]
            write(
                f"Rapport médian des pages : {statistics.median(ratios):.2f} ×"
                + (f" (meilleurs temps : {statistics.median(best):.2f} ×)" if best else "")
                + f" ; {len(over)} page(s) au-delà de {target:.2f} ×."
            )
            if cpu:
                write(
                    f"Temps CPU (application et serveur de base) : rapport médian "
                    f"{statistics.median(cpu):.2f} ×, de {min(cpu):.2f} à {max(cpu):.2f} ×."
                )
        if fail and over:
            raise CommandError("Pages au-delà de la cible : " + ", ".join(over))

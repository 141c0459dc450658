"""assay's eval suite: score extraction runs against the hand-labelled gold set.

Model-free by design: nothing here imports a model backend. The core is
:func:`evaluate`; :data:`eval_command` is the ``eval`` command line around it.
"""

from evals._align import MIN_SIMILARITY, align, record_similarity
from evals._baseline import BaselineDiff, FieldFlip, MetricDelta, diff_reports
from evals._command import eval_command
from evals._compare import (
    FIELD_KINDS,
    FUZZY_THRESHOLD,
    KEY_FIELDS,
    REL_TOLERANCE,
    compare_field,
    normalise_text,
    values_agree,
)
from evals._evaluate import evaluate
from evals._grounding import check_grounding, figure_in
from evals._loaders import load_extractions, load_report, load_texts
from evals._models import (
    ArticleScores,
    EvalReport,
    FieldOutcome,
    Grounding,
    GroundingSummary,
    GroupScores,
    Manifest,
    OverallScores,
    RecordOutcome,
    Scores,
)
from evals._report_html import render_html
from evals._report_text import format_diff, format_report

__all__ = [
    "FIELD_KINDS",
    "FUZZY_THRESHOLD",
    "KEY_FIELDS",
    "MIN_SIMILARITY",
    "REL_TOLERANCE",
    "ArticleScores",
    "BaselineDiff",
    "EvalReport",
    "FieldFlip",
    "FieldOutcome",
    "Grounding",
    "GroundingSummary",
    "GroupScores",
    "Manifest",
    "MetricDelta",
    "OverallScores",
    "RecordOutcome",
    "Scores",
    "align",
    "check_grounding",
    "compare_field",
    "diff_reports",
    "eval_command",
    "evaluate",
    "figure_in",
    "format_diff",
    "format_report",
    "load_extractions",
    "load_report",
    "load_texts",
    "normalise_text",
    "record_similarity",
    "render_html",
    "values_agree",
]

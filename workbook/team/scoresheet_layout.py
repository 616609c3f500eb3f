"""The Excel scoresheet's layout: what the writer (:mod:`workbook.views.scoresheet`) and the
reader (:mod:`workbook.team.scoresheet_reader`) must agree on."""

FORMAT = "outsourcing-workbook scoresheet 1"
SCORES, EVIDENCE, META = "Scores", "Evidence", "_workbook"
ID_ROW, FIRST_ROW, FIRST_COLUMN = 5, 6, 3  # partner ids on row 5; criteria from row 6; partners from C
EXPORT_AGAIN = "export a fresh scoresheet with `workbook scoresheet` and enter your judgments there"


def identity(engagement) -> str:
    """What a scoresheet is matched on when it comes back: the client and the decision, so that a
    sheet still imports after the engagement folder was copied or renamed."""
    return f"{engagement.settings.client} | {engagement.settings.decision}"

"""The compatibility report: results files merged into one HTML table and a
Markdown summary (``commands``), and the comparison of two runs (``diffing``).

``model`` reads the results JSON (and only that) into rows, columns and
cells; the templates in ``templates/`` render it.
"""

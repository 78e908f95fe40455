"""Plan workbooks: the Excel format plans and returns are imported from and exported to."""

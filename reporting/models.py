"""Committee reports and plan documents arrive with the reporting issue."""

def my_updates_section(actor, periods):
    return None


def return_row_extras(period, rows):
    return None

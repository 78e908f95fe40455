from django.conf import settings


def council(request):
    """The council's name for the page header and titles."""
    return {"council_name": settings.COUNCIL_NAME}

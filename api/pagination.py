"""Page-number pagination with links, the same for every list: ``?page=2&page_size=100``."""

from math import ceil

from django.db.models import QuerySet
from ninja import Field, Schema
from pydantic import create_model

MAX_PAGE_SIZE = 500


class PageParams(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Which page, from 1.")
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE, description=f"Rows a page, at most {MAX_PAGE_SIZE}.")


def page_of(item: type, name: str) -> type[Schema]:
    """A page of ``item``: the rows, how many there are in all, and links to the next and previous pages."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(description="Rows in all, on every page.")),
        page=(int, ...),
        page_size=(int, ...),
        pages=(int, ...),
        next=(str | None, Field(description="The next page's address, or null on the last page.")),
        previous=(str | None, ...),
        results=(list[item], ...),
    )


def _link(request, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(request.path + "?" + query.urlencode())


def paginate(request, rows, params: PageParams):
    """The page asked for, of a queryset (counted in one query, sliced in one) or a list."""
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    start = (params.page - 1) * params.page_size
    chunk = list(rows[start : start + params.page_size]) if start < count else []
    pages = max(1, ceil(count / params.page_size))
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "pages": pages,
        "next": _link(request, params.page + 1) if params.page < pages else None,
        "previous": _link(request, params.page - 1) if 1 < params.page <= pages + 1 else None,
        "results": chunk,
    }

"""An admin can run the whole system from Django admin: every page answers with the demo council loaded."""

from datetime import date

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from demo.builder import demo_council_load
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PRODUCT_APPS = {"plans", "actions", "indicators", "reporting", "risks"}


def product_model_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PRODUCT_APPS
    ]


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def filter_choice_urls(client, changelist_url):
    """The link of the first real choice of every filter in the changelist's sidebar."""
    changelist = client.get(changelist_url).context["cl"]
    urls = []
    for spec in changelist.filter_specs:
        choices = [choice for choice in spec.choices(changelist) if not choice.get("selected")]
        if choices:
            urls.append(changelist_url + choices[0]["query_string"])
    return urls


def test_every_product_model_is_registered_in_admin():
    from django.apps import apps

    registered = {model for model, _ in product_model_admins()}
    models = {
        model
        for app in PRODUCT_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    }
    assert models - registered == set()


def test_every_admin_changelist_add_change_and_search_page_answers_for_a_superuser(client):
    demo_council_load(password="demo-pass-123", today=date(2026, 11, 23))
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    request = RequestFactory().get("/admin/")
    request.user = superuser

    failures = []
    checked = 0
    for model, model_admin in product_model_admins():
        changelist = admin_url(model, "changelist")
        urls = [changelist, changelist + "?q=council"]
        if model_admin.has_add_permission(request):
            urls.append(admin_url(model, "add"))
        first = model.objects.order_by("pk").first()
        if first is not None:
            urls.append(admin_url(model, "change", first.pk))
            if hasattr(model, "history"):
                urls.append(admin_url(model, "history", first.pk))
        urls += filter_choice_urls(client, changelist)
        for url in urls:
            checked += 1
            status = client.get(url).status_code
            if status != 200:
                failures.append((url, status))

    assert failures == []
    assert checked > 60


def test_admin_sign_in_works_with_the_demo_password(client):
    demo_council_load(password="demo-pass-123", today=date(2026, 11, 23))

    assert client.login(username="admin", password="demo-pass-123")
    assert client.get(reverse("admin:index")).status_code == 200

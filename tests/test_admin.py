"""Every model of Rakor's apps is in the admin, searchable and filterable, and its list renders."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory

OUR_APPS = ("agencies", "meetings", "programs")
# Rows that live only inside another model's admin page.
INLINE_ONLY = {"meetings.agendachange"}


def our_models():
    return [
        model
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical") and model._meta.label_lower not in INLINE_ONLY
    ]


@pytest.mark.parametrize("model", our_models(), ids=lambda m: m._meta.label_lower)
def test_every_model_is_in_the_admin_with_search_and_filters(model):
    model_admin = admin.site._registry.get(model)
    assert model_admin is not None, f"{model._meta.label} is not registered in the admin"
    assert model_admin.search_fields
    assert model_admin.list_filter


@pytest.mark.django_db
@pytest.mark.parametrize("model", our_models(), ids=lambda m: m._meta.label_lower)
def test_admin_list_of_every_model_renders_a_search(client, model):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.get(url, {"q": "Kaltim"})
    assert response.status_code == 200
    assert str(model._meta.verbose_name_plural) in response.content.decode()

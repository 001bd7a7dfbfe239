"""Signing in and out, lock-out after repeated failures, password change and reset (by e-mail)."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from rakor import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Kukar-Tenggarong-2027"


def sign_in(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_login_with_the_right_password_opens_the_dashboard(client, organiser, password):
    response = sign_in(client, organiser.username, password, follow=True)

    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == organiser
    assert "Perlu perhatian Anda" in response.content.decode()


def test_login_returns_to_the_page_asked_for(client, organiser, password):
    response = client.post(
        reverse("login"),
        {"username": organiser.username, "password": password, "next": reverse("password_change")},
    )

    assert response["Location"] == reverse("password_change")


def test_login_with_a_wrong_password_says_so_in_indonesian_and_keeps_the_user_name(client, organiser):
    response = sign_in(client, organiser.username, "salah-sekali")

    html = response.content.decode()
    assert "Nama pengguna atau kata sandi salah" in html
    assert f'value="{organiser.username}"' in html
    assert "_auth_user_id" not in client.session


def test_login_page_is_in_indonesian(client):
    html = client.get(reverse("login")).content.decode()

    assert "Nama pengguna" in html
    assert "Kata sandi" in html
    assert "Lupa kata sandi?" in html


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, password):
    organiser = UserFactory(username="rina.wulandari", roles=[roles.ORGANISER])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, organiser.username, "salah-sekali")

    response = sign_in(client, organiser.username, password)

    html = response.content.decode()
    assert response.status_code == 429
    assert "Akun dikunci sementara" in html
    assert "Terlalu banyak percobaan masuk yang gagal" in html
    # No hint of whether the account exists or how many attempts there were.
    assert organiser.username not in html
    assert str(settings.AXES_FAILURE_LIMIT) not in re.sub(r"<[^>]+>", "", html)
    assert "_auth_user_id" not in client.session


def test_a_lock_out_leaves_other_users_free_to_sign_in(client, organiser, coordinator, password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, organiser.username, "salah-sekali")

    response = sign_in(client, coordinator.username, password)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_logout_is_a_post_and_returns_to_the_public_home(organiser_client):
    assert organiser_client.get(reverse("logout")).status_code == 405

    response = organiser_client.post(reverse("logout"), follow=True)

    assert "_auth_user_id" not in organiser_client.session
    assert "Rapat mendatang" in response.content.decode()


def test_navbar_logout_is_a_post_form(organiser_client):
    html = organiser_client.get(reverse("home")).content.decode()

    assert re.search(
        r'<form action="' + re.escape(reverse("logout")) + r'" method="post">.*?csrfmiddlewaretoken',
        html,
        re.S,
    )


def test_password_change_replaces_the_password(client, organiser, password):
    sign_in(client, organiser.username, password)

    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    organiser.refresh_from_db()
    assert organiser.check_password(NEW_PASSWORD)
    assert "Kata sandi Anda telah diganti" in response.content.decode()
    # The session survives the change.
    assert client.session["_auth_user_id"] == str(organiser.pk)


def test_password_change_with_a_wrong_old_password_changes_nothing(organiser_client, organiser, password):
    response = organiser_client.post(
        reverse("password_change"),
        {"old_password": "bukan-ini", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    organiser.refresh_from_db()
    assert organiser.check_password(password)
    assert "Kata sandi lama" in response.content.decode()
    assert response.context["form"].errors["old_password"]


def test_password_change_needs_a_signed_in_user(client):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_password_reset_mails_a_link_that_sets_a_new_password(client, password):
    user = UserFactory(username="siti", email="siti@dpmpd.kaltimprov.go.id", roles=[roles.ORGANISER])

    response = client.post(reverse("password_reset"), {"email": "Siti@dpmpd.kaltimprov.go.id"}, follow=True)

    assert "Periksa surel Anda" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["siti@dpmpd.kaltimprov.go.id"]
    assert message.subject == "Atur ulang kata sandi Rakor"
    assert "siti" in message.body
    link = re.search(r"https?://testserver(/akun/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Buat kata sandi baru" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )

    assert "Kata sandi baru Anda telah disimpan" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert sign_in(client, "siti", NEW_PASSWORD)["Location"] == reverse("home")
    # The link works once.
    assert "Tautan tidak berlaku" in client.get(link, follow=True).content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, organiser):
    response = client.post(reverse("password_reset"), {"email": "tidak.ada@example.go.id"}, follow=True)

    assert "Jika alamat tersebut terdaftar" in response.content.decode()
    assert mail.outbox == []


def test_password_reset_mail_goes_through_the_task_runner(client, organiser, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    client.post(reverse("password_reset"), {"email": organiser.email})

    # Queued, not sent inside the request.
    assert mail.outbox == []
    [result] = default_task_backend.results
    assert result.task.name == "send_password_reset"
    assert result.kwargs["email"] == organiser.email

    result.task.call(**result.kwargs)  # what the worker does: look up, then queue the mail
    reset_mail = default_task_backend.results[-1]
    assert reset_mail.task.name == "send_email" and reset_mail.kwargs["to"] == [organiser.email]
    assert "/akun/reset/" in reset_mail.kwargs["body"]

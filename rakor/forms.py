"""Django's account forms with Indonesian wording that reads naturally, and mail through the task runner."""

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.sites.shortcuts import get_current_site
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from rakor import ratelimit
from rakor.mail import enqueue_email


class LoginForm(auth_forms.AuthenticationForm):
    # Django's Indonesian catalogue puts the field label into this sentence ("nama pengguna nama
    # pengguna"), so the message is ours.
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil pada keduanya."
        ),
        "inactive": _("Akun ini tidak aktif. Hubungi penyelenggara."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")


@task()
def send_password_reset(*, email, domain, use_https, language):
    """Look the address up and mail its accounts a reset link (in the task worker in production).

    The request only queues this task, whatever the address: whether an account exists is decided
    here, so the answer takes the same time either way and reveals nothing.
    """
    with translation.override(language):
        form = PasswordResetForm({"email": email})
        if form.is_valid():
            auth_forms.PasswordResetForm.save(form, domain_override=domain, use_https=use_https)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form; the look-up and the mail run in the task runner, not in the request.

    An address gets at most settings.RAKOR_PASSWORD_RESET_RATE requests per window; beyond that the
    page answers the same and nothing is sent (the view also limits requests per client address).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Alamat surel")

    def save(self, domain_override=None, use_https=False, request=None, **kwargs):
        email = self.cleaned_data["email"]
        limit, window = settings.RAKOR_PASSWORD_RESET_RATE
        if not ratelimit.hit(f"password-reset:{email.casefold()}", limit, window):
            return
        send_password_reset.enqueue(
            email=email,
            domain=domain_override or get_current_site(request).domain,
            use_https=use_https,
            language=translation.get_language(),
        )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        html_body = None
        if html_email_template_name is not None:
            html_body = loader.render_to_string(html_email_template_name, context)
        enqueue_email(
            subject=loader.render_to_string(subject_template_name, context),
            body=loader.render_to_string(email_template_name, context),
            to=[to_email],
            html_body=html_body,
            from_email=from_email,
        )

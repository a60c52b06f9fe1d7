"""Account pages that differ from Django's own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from mengpaneel.accounts import limits
from mengpaneel.accounts.forms import ChangePasswordForm
from mengpaneel.ratelimit import Limited, first_refusal, hit_all


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with a limit per recipient and per asking network."""

    def form_valid(self, form) -> HttpResponse:
        rates = limits.reset_mail_rates(self.request, form.cleaned_data["email"])
        refusal = first_refusal(*(rate.check(key) for rate, key in rates))
        if refusal is not None:
            form.add_error("email", str(refusal.rate.message))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        # Counted whether or not an account has this address: the answer must not tell.
        hit_all(*rates)
        # A mail server failure is logged by Django's form and not shown: the page must
        # look the same whether or not the address has an account.
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password through the e-mailed link also lifts the account's lockout."""

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        limits.forget_account_failures(self.request, form.user.email)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's, for a logged-in person; wrong current passwords count as failed logins.

    Someone at an unlocked computer could otherwise guess the current password here
    without any limit. Django keeps this session logged in and ends the others.
    """

    template_name = "accounts/password_change_form.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("core:home")

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if user.is_authenticated:  # always: Django's view is behind login_required
            refusal = limits.login_refusal(request, user.email)
            if refusal is not None:
                raise Limited(refusal)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: PasswordChangeForm) -> HttpResponse:
        user = self.request.user
        if form.has_error("old_password") and user.is_authenticated:
            limits.count_failed_login(self.request, user.email)
        return super().form_invalid(form)

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Your password has been changed. You are logged out everywhere else."),
        )
        return response

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from mengpaneel.accounts.models import User
from mengpaneel.text import refuse_direction_controls


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address and password do not match. Check both and try again."
        ),
        "inactive": _("This account has been switched off."),
    }


class InvitedPersonForm(forms.ModelForm):
    """A new account for someone who followed an invitation link."""

    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common word or only digits."),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["name"]
        labels = {"name": _("Your name")}
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.email = email

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        refuse_direction_controls(name)
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            try:
                password_validation.validate_password(password1, self.instance)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


_NEW_PASSWORD_HELP = _("At least 10 characters; not a common word or only digits.")


class NewPasswordForm(SetPasswordForm):
    """Setting a password through the e-mailed link, in our words (Django's say "u")."""

    error_messages = {"password_mismatch": _("The two passwords are not the same.")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _NEW_PASSWORD_HELP
        self.fields["new_password2"].label = _("Type the new password again")
        self.fields["new_password2"].help_text = ""


class ChangePasswordForm(NewPasswordForm, PasswordChangeForm):
    """Changing the password while logged in: the current one first."""

    error_messages = {
        **NewPasswordForm.error_messages,
        "password_incorrect": _("This is not your current password. Type it again."),
    }
    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Your current password")

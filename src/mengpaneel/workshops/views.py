from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mengpaneel.accounts.forms import InvitedPersonForm
from mengpaneel.http import AuthenticatedHttpRequest
from mengpaneel.workshops import access, invitations, organising
from mengpaneel.workshops.forms import (
    EditionForm,
    InvitationForm,
    MeetingForm,
    TalkFormSet,
    TrioForm,
    TrioSettingsForm,
)
from mengpaneel.workshops.models import Edition, Invitation, Meeting, Trio, TrioMember

INVITATION_SESSION_KEY = "mengpaneel_invitation_token"


@login_required
def edition_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    editions = (
        Edition.objects.visible_to(request.user)
        .annotate(trio_count=Count("trios", distinct=True))
        .order_by("-year", "name")
    )
    return render(request, "workshops/edition_list.html", {"editions": editions})


@login_required
@require_http_methods(["GET", "POST"])
def edition_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_organiser(request)
    form = EditionForm(request.POST or None)
    if form.is_valid():
        edition = organising.create_edition(form.save(commit=False), by=request.user)
        messages.success(request, _("The edition has been created."))
        return redirect(edition)
    return render(request, "workshops/edition_form.html", {"form": form})


@login_required
def edition_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    edition = access.get_edition_for_user(request, slug)
    trios = edition.trios.select_related("municipality").prefetch_related(
        Prefetch("members", TrioMember.objects.select_related("user"))
    )
    context = {
        "edition": edition,
        "meetings": edition.meetings.prefetch_related("talks"),
        "trios": trios,
        "organisers": edition.organisers.all(),
        "is_organiser": edition.is_organised_by(request.user),
        "my_trio_ids": set(trios.with_member(request.user).values_list("pk", flat=True)),
    }
    return render(request, "workshops/edition_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edition_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    edition = access.get_edition_for_organiser(request, slug)
    form = EditionForm(request.POST or None, instance=edition)
    if form.is_valid():
        edition = form.save()
        messages.success(request, _("The edition has been saved."))
        return redirect(edition)
    return render(request, "workshops/edition_form.html", {"form": form, "edition": edition})


@login_required
@require_POST
def edition_comparison(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The facilitator opens or closes the comparison across municipalities (second reveal)."""
    edition = access.get_edition_for_organiser(request, slug)
    organising.open_comparison(edition, request.POST.get("open") == "1")
    if edition.comparison_open:
        messages.success(request, _("Trios now see the panels shared in this edition."))
    else:
        messages.success(request, _("Trios now see only their own panel in the comparison."))
    return redirect("panel:compare", edition.slug)


@login_required
def meeting_detail(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request, slug, pk)
    context = {
        "meeting": meeting,
        "edition": meeting.edition,
        "is_organiser": meeting.edition.is_organised_by(request.user),
    }
    return render(request, "workshops/meeting_detail.html", context)


def _meeting_form(
    request: AuthenticatedHttpRequest, edition: Edition, meeting: Meeting | None
) -> HttpResponse:
    meeting = meeting or Meeting(edition=edition)
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, instance=meeting, edition=edition)
    talks = TalkFormSet(data, instance=meeting, prefix="talks")
    if data is not None and form.is_valid() and talks.is_valid():
        meeting = organising.plan_meeting(form.save(commit=False), talks)
        messages.success(request, _("The meeting has been saved."))
        return redirect(meeting)
    context = {"form": form, "talks": talks, "edition": edition, "meeting": meeting}
    return render(request, "workshops/meeting_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    edition = access.get_edition_for_organiser(request, slug)
    return _meeting_form(request, edition, None)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_organiser(request, slug, pk)
    return _meeting_form(request, meeting.edition, meeting)


@login_required
@require_http_methods(["GET", "POST"])
def trio_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    edition = access.get_edition_for_organiser(request, slug)
    form = TrioForm(request.POST or None, edition=edition)
    if form.is_valid():
        trio = organising.add_trio(form.save(commit=False))
        messages.success(request, _("The trio has been added. Now invite its members."))
        return redirect("workshops:trio_invite", trio.pk)
    return render(request, "workshops/trio_form.html", {"form": form, "edition": edition})


@login_required
def trio_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_user(request, pk)
    context = {
        "trio": trio,
        "edition": trio.edition,
        "members": trio.members.select_related("user"),
        "open_invitations": trio.invitations.usable().select_related("claimed_by"),
        "is_organiser": trio.edition.is_organised_by(request.user),
    }
    return render(request, "workshops/trio_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def trio_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_user(request, pk)
    form: TrioForm | TrioSettingsForm
    if trio.edition.is_organised_by(request.user):
        form = TrioForm(request.POST or None, instance=trio, edition=trio.edition)
    else:
        form = TrioSettingsForm(request.POST or None, instance=trio)
    if form.is_valid():
        trio = form.save()
        messages.success(request, _("The trio has been saved."))
        return redirect(trio)
    return render(
        request, "workshops/trio_form.html", {"form": form, "trio": trio, "edition": trio.edition}
    )


@login_required
@require_http_methods(["GET", "POST"])
def trio_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_user(request, pk)
    form = InvitationForm(request.POST or None, trio=trio)
    status = 200
    if form.is_valid():
        email = form.cleaned_data["email"]
        try:
            invitations.invite(request, trio=trio, email=email, domain=form.cleaned_data["domain"])
        except invitations.InvitationsPaused as exc:
            form.add_error(None, str(exc.verdict.rate.message))
            status = 429
        except invitations.InvitationNotSent:
            form.add_error(None, _mail_failed(email))
            status = 503
        else:
            messages.success(
                request, _("An invitation has been sent to %(email)s.") % {"email": email}
            )
            return redirect(trio)
    context = {"form": form, "trio": trio, "edition": trio.edition}
    return render(request, "workshops/trio_invite.html", context, status=status)


def _mail_failed(email: str) -> str:
    return _(
        "The e-mail to %(email)s could not be sent, so no invitation was made. "
        "Try again in a few minutes; if it keeps failing, tell whoever runs Mengpaneel."
    ) % {"email": email}


@login_required
@require_http_methods(["POST"])
def trio_member_remove(request: AuthenticatedHttpRequest, pk: int, member_pk: int) -> HttpResponse:
    trio = access.get_trio_for_organiser(request, pk)
    member = get_object_or_404(trio.members.select_related("user"), pk=member_pk)
    organising.remove_member(member)
    messages.success(
        request,
        _("%(name)s is no longer a member of this trio.") % {"name": member.user.name},
    )
    return redirect(trio)


@require_http_methods(["GET"])
def invitation_open(request: HttpRequest, token: str) -> HttpResponse:
    """Move the secret token from the address into the session.

    The next page's address carries no token, so it does not linger in the
    browser history, in Referer headers or in server logs.
    """
    invitation = Invitation.objects.find(token)
    if invitation is None:
        return render(request, "workshops/invitation_invalid.html", status=404)
    request.session[INVITATION_SESSION_KEY] = token
    return redirect("workshops:invitation_accept")


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest) -> HttpResponse:
    token = request.session.get(INVITATION_SESSION_KEY, "")
    invitation = (
        Invitation.objects.select_related("trio__municipality", "trio__edition").find(token)
        if token
        else None
    )
    if invitation is None:
        return render(request, "workshops/invitation_invalid.html", status=404)

    existing_account = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    form = None
    status = 200
    if request.user.is_authenticated:
        if request.method == "POST":
            if invitation.is_for(request.user):
                return _join(request, invitation, request.user)
            status = 403  # another address: only an organiser's confirmation lets them in
    elif not existing_account:
        form = InvitedPersonForm(request.POST or None, email=invitation.email)
        if form.is_valid():
            user = form.save()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return _join(request, invitation, user)
    context = {
        "invitation": invitation,
        "trio": invitation.trio,
        "form": form,
        "existing_account": existing_account,
        "address_matches": invitation.is_for(request.user),
    }
    return render(request, "workshops/invitation_accept.html", context, status=status)


def _join(request: HttpRequest, invitation: Invitation, user) -> HttpResponse:
    request.session.pop(INVITATION_SESSION_KEY, None)
    try:
        member = invitations.accept(invitation, user)
    except (invitations.InvitationSpent, invitations.NotInvitedAddress):
        return render(request, "workshops/invitation_invalid.html", status=404)
    messages.success(
        request,
        _("Welcome to the %(municipality)s trio.")
        % {"municipality": member.trio.municipality.name},
    )
    return redirect(member.trio)


def _invitation_in_session(request: HttpRequest) -> Invitation | None:
    token = request.session.get(INVITATION_SESSION_KEY, "")
    return Invitation.objects.select_related("trio__municipality").find(token) if token else None


@login_required
@require_POST
def invitation_claim(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Logged in with another address than the invited one: ask an organiser to confirm."""
    invitation = _invitation_in_session(request)
    if invitation is None:
        return render(request, "workshops/invitation_invalid.html", status=404)
    if invitation.is_for(request.user):
        return redirect("workshops:invitation_accept")
    try:
        invitations.claim(invitation, request.user)
    except invitations.InvitationSpent:
        return render(request, "workshops/invitation_invalid.html", status=404)
    messages.success(
        request,
        _(
            "The organiser of the edition has been asked to confirm that you join the trio "
            "of %(municipality)s with this invitation. Once they have, the trio appears here."
        )
        % {"municipality": invitation.trio.municipality.name},
    )
    return redirect("core:home")


def _claimed_invitation(
    request: AuthenticatedHttpRequest, pk: int, invitation_pk: int
) -> tuple[Trio, Invitation]:
    trio = access.get_trio_for_organiser(request, pk)
    invitation = get_object_or_404(
        trio.invitations.awaiting_confirmation().select_related("claimed_by"), pk=invitation_pk
    )
    return trio, invitation


@login_required
@require_POST
def invitation_confirm(
    request: AuthenticatedHttpRequest, pk: int, invitation_pk: int
) -> HttpResponse:
    trio, invitation = _claimed_invitation(request, pk, invitation_pk)
    try:
        member = invitations.confirm_claim(invitation, by=request.user)
    except invitations.InvitationSpent:
        messages.error(request, _("This invitation has been used or has expired in the meantime."))
        return redirect(trio)
    messages.success(
        request, _("%(name)s is now a member of this trio.") % {"name": member.user.name}
    )
    return redirect(trio)


@login_required
@require_POST
def invitation_refuse(
    request: AuthenticatedHttpRequest, pk: int, invitation_pk: int
) -> HttpResponse:
    trio, invitation = _claimed_invitation(request, pk, invitation_pk)
    asked_by = invitation.claimed_by  # awaiting_confirmation(): never None here
    invitations.refuse_claim(invitation, by=request.user)
    messages.success(
        request,
        _("%(name)s does not join. The invitation still works for %(email)s.")
        % {"name": asked_by.name if asked_by else "", "email": invitation.email},
    )
    return redirect(trio)

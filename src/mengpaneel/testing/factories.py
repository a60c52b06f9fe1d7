"""Factories for tests: each builds a valid object with as little said as possible."""

from __future__ import annotations

from datetime import date

import factory

from mengpaneel.accounts.models import User
from mengpaneel.agenda.models import Case
from mengpaneel.organisations.models import Municipality
from mengpaneel.workshops.constants import Domain
from mengpaneel.workshops.models import Edition, Meeting, Talk, Trio, TrioMember

PASSWORD = "correct horse battery staple"
# Altena, Schiedam and Venlo (docs/design.md, "Demo").
SOURCE_MUNICIPALITIES = ("GM1959", "GM0606", "GM0983")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class OrganiserFactory(UserFactory):
    is_organiser = True


def municipality(code: str = "GM1959") -> Municipality:
    """One of the 342 municipalities the data migration loads."""
    return Municipality.objects.get(code=code)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Werkplaats {n}")
    slug = factory.Sequence(lambda n: f"werkplaats-{n}")
    year = 2026
    # Most tests look at an edition after the facilitator opened the comparison;
    # the tests of the switch itself create closed editions.
    comparison_open = True

    @factory.post_generation
    def organisers(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.organisers.add(*extracted)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    edition = factory.SubFactory(EditionFactory)
    number = factory.Sequence(lambda n: n + 1)
    date = date(2026, 3, 12)
    place = "Utrecht"
    theme = "Het mengpaneel"


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk

    meeting = factory.SubFactory(MeetingFactory)
    speaker = "Spreker"
    title = "Een verhaal"


class TrioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trio

    edition = factory.SubFactory(EditionFactory)
    # Never one of the source's three: tests name those explicitly (world's trio is Altena),
    # and a sequence landing on one would clash, depending on how many trios ran before.
    # Nor a name HTML escapes ('s-Gravenhage): tests look for names in pages.
    municipality = factory.Sequence(
        lambda n: _plain_municipalities()[n % _plain_municipalities().count()]
    )


def _plain_municipalities():
    return (
        Municipality.objects.exclude(code__in=SOURCE_MUNICIPALITIES)
        .exclude(name__contains="'")
        .order_by("code")
    )


class TrioMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrioMember

    trio = factory.SubFactory(TrioFactory)
    user = factory.SubFactory(UserFactory)
    domain = Domain.AREA


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    trio = factory.SubFactory(TrioFactory)
    title = "Een skatebaan"
    question = "Hoe helpen we jongeren?"

from django.urls import path, register_converter

from mengpaneel.live.constants import CODE_ALPHABET, CODE_LENGTH
from mengpaneel.live.views import organiser, participant, stream


class CodeConverter:
    """A join code as typed or scanned: any case, the groups with or without a hyphen."""

    regex = f"[{CODE_ALPHABET}{CODE_ALPHABET.lower()}-]{{{CODE_LENGTH},{CODE_LENGTH + 1}}}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CodeConverter, "joincode")

app_name = "live"

urlpatterns = [
    path(
        "edities/<slug:slug>/bijeenkomsten/<int:pk>/live/",
        organiser.start,
        name="start",
    ),
    # The short address shown on the projector, and the QR code's address.
    path("live/", participant.join, name="join"),
    path("live/meedoen/", participant.join_trio, name="join_trio"),
    path("l/<joincode:code>/", participant.code_link, name="code_link"),
    path("live/<int:pk>/", participant.participant_page, name="participant"),
    path("live/<int:pk>/werk/", participant.participant_work, name="participant_work"),
    path("live/<int:pk>/trio/", participant.participant_trio, name="participant_trio"),
    path("live/<int:pk>/plaatsen/", participant.place, name="place"),
    path("live/<int:pk>/eens/", participant.agree, name="agree"),
    path("live/<int:pk>/stroom/", stream.stream, name="stream"),
    path("live/<int:pk>/versie/", stream.version, name="version"),
    path("live/<int:pk>/regie/", organiser.control, name="control"),
    path("live/<int:pk>/regie/deelnemers/", organiser.control_people, name="control_people"),
    path("live/<int:pk>/fase/", organiser.move_phase, name="move_phase"),
    path("live/<int:pk>/code/", organiser.code_action, name="code_action"),
    path(
        "live/<int:pk>/gasten/<int:guest_pk>/verwijderen/",
        organiser.guest_remove,
        name="guest_remove",
    ),
    path("live/<int:pk>/beamer/", organiser.projector, name="projector"),
    path("live/<int:pk>/beamer/zaal/", organiser.projector_room, name="projector_room"),
]

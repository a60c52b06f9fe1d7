from django.conf import settings
from django.core import checks
from django.core.management.base import BaseCommand

from mengpaneel.accounts.models import User
from mengpaneel.core import demo, health


class Command(BaseCommand):
    help = "Serve Mengpaneel (ASGI, one process: pages, static files and live updates)."
    # Checked in handle(), with the deployment checks when DEBUG is off.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1)

    def _warn_about_deployment(self) -> None:
        """What `check --deploy` says, at every start: warned about, never a reason to stop.

        A production that runs without, say, an e-mail server is the operator's choice;
        saying so in the service's log at each start is ours.
        """
        for message in _deployment_only_problems():
            self.stderr.write(self.style.WARNING(str(message)))

    def handle(self, *args, host: str, port: int, workers: int, **options) -> None:
        import uvicorn

        self.check()  # errors stop it
        if not settings.DEBUG:
            self._warn_about_deployment()
        database = health.check_database()
        if database != health.OK:
            self.stderr.write(self.style.WARNING(_database_message(database)))
        url = f"http://{host}:{port}/"
        self.stdout.write(f"Mengpaneel runs on {url}")
        if User.objects.filter(email=demo.ORGANISER_EMAIL).exists():
            if settings.DEMO_PASSWORD:
                secret = "the password in MENGPANEEL_DEMO_PASSWORD"  # noqa: S105 (a hint, not a secret)
            else:
                secret = f"password {demo.demo_password()} (kept in {demo.demo_password_file()})"
            self.stdout.write(
                f"Log in at {url}inloggen/ as {demo.ORGANISER_EMAIL} with {secret}. "
                f"Trio members: altena.gebied@{demo.DEMO_DOMAIN} (also .fysiek, .sociaal; "
                "schiedam.*, venlo.*), same password."
            )
        self.stdout.flush()
        uvicorn.run(
            "mengpaneel.asgi:application",
            host=host,
            port=port,
            workers=workers,
            log_config=None,
            lifespan="off",
            # Open event streams of live rounds would otherwise hold a stop for minutes.
            timeout_graceful_shutdown=5,
            proxy_headers=settings.SECURE_PROXY_SSL_HEADER is not None,
        )


def _deployment_only_problems() -> list[checks.CheckMessage]:
    ordinary = {str(message) for message in checks.run_checks()}
    return [
        message
        for message in checks.run_checks(include_deployment_checks=True)
        if str(message) not in ordinary
    ]


def _database_message(state: str) -> str:
    reason = {
        "read-only": "is on a read-only disk",
        "full": "is on a full disk",
    }.get(state, "does not answer")
    return (
        f"The database {reason}: Mengpaneel starts and shows pages, but every save answers "
        "a maintenance page (503) until it takes writes again. /gezond/ reports the same."
    )

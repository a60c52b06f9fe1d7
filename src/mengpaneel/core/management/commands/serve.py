from django.conf import settings
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

    def handle(self, *args, host: str, port: int, workers: int, **options) -> None:
        import uvicorn

        # Unsafe production settings are said out loud at every start, not only by
        # `check --deploy`; errors still stop it.
        self.check(include_deployment_checks=not settings.DEBUG)
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


def _database_message(state: str) -> str:
    reason = {
        "read-only": "is on a read-only disk",
        "full": "is on a full disk",
    }.get(state, "does not answer")
    return (
        f"The database {reason}: Mengpaneel starts and shows pages, but every save answers "
        "a maintenance page (503) until it takes writes again. /gezond/ reports the same."
    )

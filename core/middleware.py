from django.http import HttpResponse, JsonResponse


class HealthCheckMiddleware:
    """Answers /healthz (the web process is up: compose's health check) and /healthz/jobs (are the Celery
    worker and beat reporting?) before host validation and HTTPS redirects, for container and monitoring checks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return HttpResponse("ok", content_type="text/plain")
        if request.path == "/healthz/jobs":
            return jobs_health()
        return self.get_response(request)


def jobs_health() -> JsonResponse:
    """200 when the worker and beat both reported within WORKER_STALE_MINUTES, else 503; JSON says which."""
    from django.conf import settings

    from .heartbeat import service_states

    states = service_states()
    body = {
        "ok": not any(state.stale for state in states),
        "stale_after_minutes": settings.WORKER_STALE_MINUTES,
        **{
            state.name: {"last_seen": state.seen_at.isoformat() if state.seen_at else None, "stale": state.stale}
            for state in states
        },
    }
    return JsonResponse(body, status=200 if body["ok"] else 503)

from django.http import HttpResponse


class HealthCheckMiddleware:
    """Answers /healthz before host validation and HTTPS redirects, for container health checks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return HttpResponse("ok", content_type="text/plain")
        return self.get_response(request)

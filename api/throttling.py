"""One request budget per client (rate from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api_client"])."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiClient


class ApiClientRateThrottle(SimpleRateThrottle):
    scope = "api_client"

    def get_rate(self):
        # Read at each request (not once at import), so a changed setting applies without a restart of the class.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiClient):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}

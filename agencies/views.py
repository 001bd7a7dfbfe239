from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView, ListView

from agencies.models import Agency


class AgencyList(LoginRequiredMixin, ListView):
    paginate_by = 25

    def get_queryset(self):
        return Agency.objects.visible_to(self.request.user).select_related("region")


class AgencyDetail(LoginRequiredMixin, DetailView):
    def get_queryset(self):
        return Agency.objects.visible_to(self.request.user).select_related("region")

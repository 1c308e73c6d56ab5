"""The app's URLs plus views that fail, to see the 400 and 500 pages a real failure gives."""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from nhiemvu.urls import urlpatterns as app_urlpatterns


def broken(request):
    raise RuntimeError("a bug")


def suspicious(request):
    raise SuspiciousOperation("tampered input")


urlpatterns = [path("loi-thu/", broken), path("yeu-cau-sai/", suspicious), *app_urlpatterns]

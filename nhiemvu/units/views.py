"""The unit picker: the units matching what a clerk types, for the task entry form."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from nhiemvu.units.search import search_units


@login_required
def unit_search(request):
    """`/don-vi/tim/?q=…`: at most 20 active units as <option>s of a <datalist>. Unit names
    and codes are not secret: every user assigns to or coordinates with them."""
    query = request.GET.get("q", "")[:100]
    return render(request, "units/partials/unit_options.html", {"matches": search_units(query)})

"""The committee's yearly status report on inclusion: drafted from tracked cooperation, edited within the
template's limits, exported in the template's layout."""

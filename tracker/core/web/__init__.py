"""What every page and edit form shares: form pieces and their values as plain data, the three-way merge
and conflict page of a version-checked save, pagination, the page cache and the URL converter."""

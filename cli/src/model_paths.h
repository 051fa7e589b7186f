// Where sift finds its default model and word-vector table, so that
// `sift classify FILE` works without flags from the build tree and after
// `cmake --install`.
#ifndef SIFT_CLI_SRC_MODEL_PATHS_H_
#define SIFT_CLI_SRC_MODEL_PATHS_H_

#include <string>

namespace sift::cli {

// The models/ directory: $SIFT_MODELS_DIR, else <prefix>/share/sift/models
// beside an installed binary, else the source tree's models/.
std::string ModelsDir();

// The default model: ModelsDir()/default.
std::string DefaultModelDir();

// The converted GloVe table: $SIFT_VECTORS, else
// ${SIFT_DATA_DIR:-$HOME/.cache/sift}/glove-6b-100d-150k.siftvec (what
// scripts/fetch-vectors.sh writes).
std::string DefaultVectorsPath();

// VADER's lexicon: $SIFT_LEXICON, else
// ${SIFT_DATA_DIR:-$HOME/.cache/sift}/vader_lexicon.txt (what
// scripts/fetch-lexicon.sh writes).
std::string DefaultLexiconPath();

}  // namespace sift::cli

#endif  // SIFT_CLI_SRC_MODEL_PATHS_H_

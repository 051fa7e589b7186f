#include "sift/core/version.h"

namespace sift {

const char* Version() { return SIFT_VERSION_STRING; }

}  // namespace sift

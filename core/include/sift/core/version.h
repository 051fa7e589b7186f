// The version of sift, recorded in every database and model it writes.
#ifndef SIFT_CORE_VERSION_H_
#define SIFT_CORE_VERSION_H_

namespace sift {

// "MAJOR.MINOR.PATCH", from the project() call in the root CMakeLists.txt.
const char* Version();

}  // namespace sift

#endif  // SIFT_CORE_VERSION_H_

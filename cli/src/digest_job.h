// The digest's data as `sift themes` and `sift digest` both build it.
#ifndef SIFT_CLI_SRC_DIGEST_JOB_H_
#define SIFT_CLI_SRC_DIGEST_JOB_H_

#include <string>

#include "sift/core/status.h"
#include "sift/report/digest.h"

namespace sift::cli {

// report::BuildDigestJson() with the bundled model and the default vector
// table where `model` and `vectors` are empty, and a progress line on
// stderr unless `quiet`.
Result<std::string> BuildDigestData(report::DigestOptions options,
                                    const std::string& model,
                                    const std::string& vectors, bool quiet);

}  // namespace sift::cli

#endif  // SIFT_CLI_SRC_DIGEST_JOB_H_

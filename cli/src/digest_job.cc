#include "digest_job.h"

#include "model_paths.h"
#include "progress.h"

namespace sift::cli {

Result<std::string> BuildDigestData(report::DigestOptions options,
                                    const std::string& model,
                                    const std::string& vectors, bool quiet) {
  options.model_dir = model.empty() ? DefaultModelDir() : model;
  options.vectors_path = vectors.empty() ? DefaultVectorsPath() : vectors;
  ProgressLine progress(quiet);
  options.progress = [&progress](const std::string& s) { progress.Show(s); };
  auto data = report::BuildDigestJson(options);
  progress.Clear();
  return data;
}

}  // namespace sift::cli

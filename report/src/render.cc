// The public entry points of sift/report/render.h.
#include "sift/report/render.h"

#include <string>
#include <string_view>

#include "render.h"

namespace sift::report {

Result<DigestFormat> ParseDigestFormat(std::string_view name) {
  if (name == "html") return DigestFormat::kHtml;
  if (name == "md" || name == "markdown") return DigestFormat::kMarkdown;
  if (name == "json") return DigestFormat::kJson;
  return Status::InvalidArgument(
      std::string("unknown digest format '")
          .append(name)
          .append("': expected html, md (or markdown) or json"));
}

Result<std::string> RenderDigest(std::string_view digest_json,
                                 DigestFormat format) {
  Result<internal::Digest> digest = internal::ParseDigest(digest_json);
  if (!digest.ok()) return digest.status();
  switch (format) {
    case DigestFormat::kHtml:
      return internal::RenderHtml(*digest);
    case DigestFormat::kMarkdown:
      return internal::RenderMarkdown(*digest);
    case DigestFormat::kJson:
      return internal::PrettyJson(digest_json);
  }
  return Status::InvalidArgument("unknown digest format");
}

}  // namespace sift::report

// Digest rendering: turns the digest's data (one JSON object, specified in
// report/DIGEST_FORMAT.md) into a document a reader can use.
//
//   kHtml      one self-contained HTML file for a board pack: inline CSS and
//              inline SVG charts, no JavaScript, no external fonts, images
//              or links; prints to A4 with a page break before each major
//              section. Every chart is an <svg role="img"> with <title> and
//              <desc>, and the same numbers stand in an HTML table beside it.
//   kMarkdown  the same sections and numbers for e-mail: GitHub-flavoured
//              tables and lists, quotes as blockquotes with attribution, no
//              HTML (characters Markdown would read as markup are escaped).
//   kJson      the data itself, pretty-printed (two-space indent) with its
//              keys in the order given.
//
// Sections, in order, each with a stable id (the HTML <section id>) and a
// heading (the HTML <h2>, the Markdown "## "):
//   overview             "Overview"
//   prevalence           "Theme prevalence"
//   sentiment-by-sector  "Sentiment by sector"
//   theme-<id>           the theme's name, one per theme in the data's order
//   campaigns            "Campaigns"
//   outside-taxonomy     "Outside the taxonomy"
//   methodology          "Methodology"
//
// Numbers are formatted one way throughout: counts with thousands separators
// ("1,234"), shares as percentages with one decimal ("27.1%"), sentiment with
// a sign and two decimals ("-0.21", "+0.08"). A sector x theme cell whose mean
// is null (fewer than 5 responses) is shown greyed out as "n<5".
//
// Rendering is a pure function of its input: the same JSON gives the same
// bytes. The only date shown is the data's "generated" field.
//
// Thread safety: the functions hold no state; call them from any thread.
#ifndef SIFT_REPORT_RENDER_H_
#define SIFT_REPORT_RENDER_H_

#include <string>
#include <string_view>

#include "sift/core/status.h"

namespace sift::report {

enum class DigestFormat { kHtml, kMarkdown, kJson };

// Parses "html", "md"/"markdown", "json"; InvalidArgument otherwise.
Result<DigestFormat> ParseDigestFormat(std::string_view name);

// Renders the digest data (DIGEST_FORMAT.md; the JSON text) in `format`.
// kJson pretty-prints it unchanged. InvalidArgument naming the missing/wrong
// field when the data does not follow the format (e.g. "digest field
// themes[2].count: missing"), or when the text is not JSON.
Result<std::string> RenderDigest(std::string_view digest_json,
                                 DigestFormat format);

}  // namespace sift::report

#endif  // SIFT_REPORT_RENDER_H_

// End to end: the HTML digest of the fixture opened in Debian's headless
// Chromium. Checks the screenshot (decoded, compared with a blank page), the
// DOM Chromium built (every section and a chart per <svg>), and the printed
// PDF (A4, a page break before each major section). Skipped when Chromium is
// not installed (scripts/install-deps.sh installs it). Set
// SIFT_DIGEST_SCREENSHOT=FILE.png to keep the screenshot.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "report/chromium_util.h"
#include "sift/report/render.h"
#include "test_util.h"

namespace sift::report {
namespace {

using ::sift::testing::Occurrences;

using testing::Chromium;
using testing::ReadAll;
using testing::RunChromium;

struct Image {
  uint32_t width = 0, height = 0;
  std::vector<uint32_t> pixels;  // 0xRRGGBB
};

uint32_t BigEndian(const std::string& b, std::size_t at) {
  return (uint32_t{static_cast<uint8_t>(b[at])} << 24) |
         (uint32_t{static_cast<uint8_t>(b[at + 1])} << 16) |
         (uint32_t{static_cast<uint8_t>(b[at + 2])} << 8) |
         uint32_t{static_cast<uint8_t>(b[at + 3])};
}

// Undoes one row's PNG filter in place (`prior` is the row above, or zeros).
void Unfilter(int type, int bpp, uint8_t* row, const uint8_t* prior,
              std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    int a = i >= static_cast<std::size_t>(bpp) ? row[i - bpp] : 0;
    int b = prior[i];
    int c = i >= static_cast<std::size_t>(bpp) ? prior[i - bpp] : 0;
    int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b),
        pc = std::abs(p - c);
    int paeth = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
    int add = type == 1   ? a
              : type == 2 ? b
              : type == 3 ? (a + b) / 2
              : type == 4 ? paeth
                          : 0;
    row[i] = static_cast<uint8_t>(row[i] + add);
  }
}

// Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes).
Image DecodePng(const std::string& png) {
  Image image;
  if (png.size() < 33 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) {
    ADD_FAILURE() << "not a PNG";
    return image;
  }
  std::string idat;
  int colour_type = 0;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    uint32_t length = BigEndian(png, at);
    std::string type = png.substr(at + 4, 4);
    if (type == "IHDR") {
      image.width = BigEndian(png, at + 8);
      image.height = BigEndian(png, at + 12);
      colour_type = png[at + 17];
      EXPECT_EQ(png[at + 16], 8) << "bit depth";
      EXPECT_EQ(png[at + 20], 0) << "interlaced";
    }
    if (type == "IDAT") idat.append(png, at + 8, length);
    at += 12 + length;
  }
  EXPECT_TRUE(colour_type == 2 || colour_type == 6) << colour_type;
  const int bpp = colour_type == 6 ? 4 : 3;
  const std::size_t stride = std::size_t{image.width} * bpp;
  std::vector<uint8_t> raw((stride + 1) * image.height);
  uLongf raw_size = raw.size();
  EXPECT_EQ(
      uncompress(raw.data(), &raw_size,
                 reinterpret_cast<const Bytef*>(idat.data()), idat.size()),
      Z_OK);
  std::vector<uint8_t> zeros(stride, 0);
  image.pixels.reserve(std::size_t{image.width} * image.height);
  for (uint32_t y = 0; y < image.height; ++y) {
    uint8_t* row = &raw[y * (stride + 1) + 1];
    const uint8_t* prior = y ? &raw[(y - 1) * (stride + 1) + 1] : zeros.data();
    Unfilter(row[-1], bpp, row, prior, stride);
    for (uint32_t x = 0; x < image.width; ++x) {
      const uint8_t* p = row + std::size_t{x} * bpp;
      image.pixels.push_back((uint32_t{p[0]} << 16) | (uint32_t{p[1]} << 8) |
                             p[2]);
    }
  }
  return image;
}

// Share of pixels unlike the top-left one, and how many colours there are.
void Measure(const Image& image, double* ink, std::size_t* colours) {
  std::set<uint32_t> seen;
  std::size_t differ = 0;
  for (uint32_t p : image.pixels) {
    if (p != image.pixels[0]) ++differ;
    if (seen.size() < 10000) seen.insert(p);
  }
  *ink = image.pixels.empty() ? 0 : double(differ) / image.pixels.size();
  *colours = seen.size();
}

class DigestBrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Chromium().empty()) {
      GTEST_SKIP() << "Chromium is not installed (/usr/bin/chromium or "
                      "$SIFT_CHROMIUM): run scripts/install-deps.sh";
    }
    Result<std::string> html = RenderDigest(
        ReadAll(SIFT_SOURCE_DIR "/tests/fixtures/digest_sample.json"),
        DigestFormat::kHtml);
    ASSERT_TRUE(html.ok()) << html.status().ToString();
    digest_ = testing::WriteFile(dir_.file("digest.html"), *html);
    blank_ = testing::WriteFile(
        dir_.file("blank.html"),
        "<!DOCTYPE html><html lang=\"en\"><body></body></html>\n");
  }

  std::string Log() { return ReadAll(dir_.file("chromium.log")); }

  testing::TempDir dir_;
  std::string digest_, blank_;
};

TEST_F(DigestBrowserTest, ScreenshotShowsARenderedPage) {
  std::string shot = dir_.file("digest.png"), empty = dir_.file("blank.png");
  ASSERT_EQ(RunChromium(dir_.path(), blank_,
                        std::string("--screenshot=").append(empty),
                        dir_.file("out.txt")),
            0)
      << Log();
  ASSERT_EQ(RunChromium(dir_.path(), digest_,
                        std::string("--screenshot=").append(shot),
                        dir_.file("out.txt")),
            0)
      << Log();
  std::string png = ReadAll(shot), blank_png = ReadAll(empty);
  ASSERT_FALSE(png.empty()) << "no screenshot: " << Log();
  // To look at it: SIFT_DIGEST_SCREENSHOT=/tmp/digest.png.
  if (const char* keep = std::getenv("SIFT_DIGEST_SCREENSHOT")) {
    testing::WriteFile(keep, png);
  }
  EXPECT_GT(png.size(), 10 * blank_png.size());

  double ink = 0;
  std::size_t colours = 0;
  Image blank = DecodePng(blank_png);
  Measure(blank, &ink, &colours);
  EXPECT_EQ(colours, 1u) << "a blank page is one colour";

  Image page = DecodePng(png);
  EXPECT_EQ(page.width, 1240u);
  EXPECT_EQ(page.height, 1754u);
  Measure(page, &ink, &colours);
  EXPECT_GT(colours, 100u) << "text, charts and tables in several colours";
  EXPECT_GT(ink, 0.3) << "the page's paper on its grey background, and text";
}

TEST_F(DigestBrowserTest, DomHasEverySectionAndChart) {
  std::string dom_file = dir_.file("dom.html");
  ASSERT_EQ(RunChromium(dir_.path(), digest_, "--dump-dom", dom_file), 0)
      << Log();
  std::string dom = ReadAll(dom_file);
  ASSERT_FALSE(dom.empty()) << Log();
  std::vector<std::string> ids = {"overview",
                                  "prevalence",
                                  "sentiment-by-sector",
                                  "theme-ideas",
                                  "theme-people",
                                  "theme-infrastructure",
                                  "theme-business_environment",
                                  "theme-places",
                                  "theme-ai_data",
                                  "theme-clean_growth",
                                  "theme-future_mobility",
                                  "theme-ageing_society",
                                  "campaigns",
                                  "outside-taxonomy",
                                  "methodology"};
  for (const std::string& id : ids) {
    EXPECT_NE(dom.find(std::string("<section id=\"").append(id).append("\"")),
              std::string::npos)
        << id;
  }
  // The prevalence chart, the sector heatmap, one sentiment bar per theme.
  EXPECT_EQ(Occurrences(dom, "<svg "), 11u);
  EXPECT_EQ(Occurrences(dom, "role=\"img\""), 11u);
  EXPECT_EQ(dom.find("<script"), std::string::npos);
  EXPECT_NE(dom.find("&lt;script&gt;alert(1)&lt;/script&gt;"),
            std::string::npos);
}

TEST_F(DigestBrowserTest, PrintsToA4WithAPageBreakBeforeEachSection) {
  std::string pdf_file = dir_.file("digest.pdf");
  ASSERT_EQ(RunChromium(dir_.path(), digest_,
                        std::string("--print-to-pdf=").append(pdf_file),
                        dir_.file("out.txt")),
            0)
      << Log();
  std::string pdf = ReadAll(pdf_file);
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u) << Log();
  std::size_t pages =
      Occurrences(pdf, "/Type /Page") - Occurrences(pdf, "/Type /Pages");
  // 15 sections, each but the overview starting a page.
  EXPECT_GE(pages, 14u);
  EXPECT_LE(pages, 45u);
  EXPECT_NE(pdf.find("/MediaBox [0 0 594.9"), std::string::npos) << "A4";
}

}  // namespace
}  // namespace sift::report

// Small dense vector helpers shared by quotes.cc and the clustering code.
// Sums run in a fixed order, so results are the same on every run.
#ifndef SIFT_REPORT_VECTOR_MATH_H_
#define SIFT_REPORT_VECTOR_MATH_H_

#include <cmath>
#include <cstddef>

namespace sift::report::internal {

// Dot product of two `dim`-float vectors; four partial sums let the compiler
// keep several multiply-adds in flight.
inline float Dot(const float* x, const float* y, int dim) {
  float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  int i = 0;
  for (; i + 4 <= dim; i += 4) {
    s0 += x[i] * y[i];
    s1 += x[i + 1] * y[i + 1];
    s2 += x[i + 2] * y[i + 2];
    s3 += x[i + 3] * y[i + 3];
  }
  for (; i < dim; ++i) s0 += x[i] * y[i];
  return (s0 + s1) + (s2 + s3);
}

// Scales x to unit length; returns false (and leaves zeros) when x is zero.
inline bool NormalizeInPlace(float* x, int dim) {
  const double norm = std::sqrt(static_cast<double>(Dot(x, x, dim)));
  if (!(norm > 0)) {
    for (int i = 0; i < dim; ++i) x[i] = 0;
    return false;
  }
  for (int i = 0; i < dim; ++i) x[i] = static_cast<float>(x[i] / norm);
  return true;
}

}  // namespace sift::report::internal

#endif  // SIFT_REPORT_VECTOR_MATH_H_

/**
 * Zero stored as a V8 double (minus zero is never a small integer). A numeric field that will hold values
 * beyond 2^31 (unsigned 32-bit sequence numbers and fragment ids, epoch seconds with a fraction)
 * starts with it, so V8 stores the field as a double from the first object on. Started at a small-integer
 * 0, the field changes representation when the first large value arrives: V8 deprecates the class's
 * hidden classes and every optimized function that used them is thrown away and compiled again (on the
 * bench capture that was ~20 of the run's deoptimizations, paid again by every `-z N` thread).
 * `-0 === 0` and it prints as "0"; only `Object.is` tells them apart.
 */
export const DOUBLE_ZERO = -0;

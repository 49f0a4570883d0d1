//! Allocator settings for a steady frame time.
//!
//! Every frame of a large region builds and drops vertex buffers of several megabytes (thousands
//! of map circles). With its default settings glibc hands such blocks back to the kernel when they
//! are freed and faults them in again on the next frame: at whole-England scale that page churn
//! tripled the frame time. Keeping freed memory in the process (no trimming, no per-block mmap)
//! removes the churn at the cost of holding on to the peak heap size.

/// Tunes the system allocator; call once at start-up (the app and the benchmarks do).
pub fn tune_for_frames() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const MMAP_THRESHOLD_BYTES: libc::c_int = 64 << 20;
        const TRIM_THRESHOLD_BYTES: libc::c_int = 512 << 20;
        // SAFETY: mallopt only changes allocator parameters and is safe to call at any time.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
            libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES);
        }
    }
}

/* The floor for scripts/bench-onnx: add_mul.onnx (the tests' model, written by the graph writer; see the script)
 * run through the ONNX Runtime C API from C, everything prepared up front. No header needed: OrtApi is a table of
 * function pointers, read by slot index (onnxruntime_c_api.h, API 14+: 2 GetErrorMessage, 3 CreateEnv,
 * 7 CreateSession, 9 Run, 10 CreateSessionOptions, 24 SetIntraOpNumThreads, 49 CreateTensorWithDataAsOrtValue,
 * 69 CreateCpuMemoryInfo, 130 AddSessionConfigEntry). Usage: bare_run LIBRARY MODEL ITERATIONS ROUNDS
 * → prints median µs per run. */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef void *Status;
typedef struct { void **(*GetApi)(uint32_t); const char *(*GetVersionString)(void); } ApiBase;
static void **api;

static void check(Status s) {
    if (s) { fprintf(stderr, "ort error: %s\n", ((const char *(*)(Status))api[2])(s)); exit(1); }
}

static double now_us(void) {
    struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: %s LIBRARY MODEL ITERATIONS ROUNDS\n", argv[0]); return 2; }
    void *lib = dlopen(argv[1], RTLD_NOW);
    if (!lib) { fprintf(stderr, "%s\n", dlerror()); return 1; }
    const ApiBase *(*get_base)(void) = (const ApiBase *(*)(void))dlsym(lib, "OrtGetApiBase");
    api = get_base()->GetApi(14);
    long iterations = atol(argv[3]); int rounds = atoi(argv[4]);

    void *env, *options, *session, *mem;
    check(((Status (*)(int, const char *, void **))api[3])(3, "bare", &env));
    check(((Status (*)(void **))api[10])(&options));
    check(((Status (*)(void *, int))api[24])(options, 1));
    check(((Status (*)(void *, const char *, const char *))api[130])(options, "session.intra_op.allow_spinning", "0"));
    check(((Status (*)(void *, const char *, void *, void **))api[7])(env, argv[2], options, &session));
    check(((Status (*)(int, int, void **))api[69])(0, 0, &mem));

    static float data[16]; static int64_t shape_out[2];
    int64_t shape[2] = {1, 4}, dims[1] = {2};
    void *values[5];
    for (int i = 0; i < 4; i++) data[i] = 1, data[4 + i] = 2, data[8 + i] = 3;
    Status (*create)(void *, void *, size_t, const int64_t *, size_t, int, void **) =
        (Status (*)(void *, void *, size_t, const int64_t *, size_t, int, void **))api[49];
    for (int i = 0; i < 4; i++) check(create(mem, data + 4 * i, 16, shape, 2, 1, &values[i]));
    check(create(mem, shape_out, 16, dims, 1, 7, &values[4]));

    const char *in_names[3] = {"a", "b", "c"}, *out_names[2] = {"y", "y_shape"};
    Status (*run)(void *, void *, const char *const *, void *const *, size_t, const char *const *, size_t, void **) =
        (Status (*)(void *, void *, const char *const *, void *const *, size_t, const char *const *, size_t, void **))api[9];
    for (int i = 0; i < 2000; i++) check(run(session, NULL, in_names, values, 3, out_names, 2, values + 3));

    double *per = malloc(sizeof(double) * rounds);
    for (int r = 0; r < rounds; r++) {
        double start = now_us();
        for (long i = 0; i < iterations; i++) check(run(session, NULL, in_names, values, 3, out_names, 2, values + 3));
        per[r] = (now_us() - start) / iterations;
    }
    if (data[12] != 9.0f) { fprintf(stderr, "wrong result %f\n", data[12]); return 1; }
    qsort(per, rounds, sizeof(double), cmp);
    printf("%.3f\n", per[rounds / 2]);
    return 0;
}

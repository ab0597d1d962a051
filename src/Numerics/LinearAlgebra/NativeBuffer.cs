using System.Runtime.InteropServices;

namespace Orchestrator.Numerics.LinearAlgebra;

/// <summary>
/// A native-memory array for LAPACK workspaces: freed as soon as it is disposed, unlike a large managed array,
/// which stays resident until a full garbage collection.
/// </summary>
internal sealed unsafe class NativeBuffer<T> : IDisposable where T : unmanaged
{
    public NativeBuffer(long length)
    {
        Length = Math.Max(1, length);
        Pointer = (T*)NativeMemory.Alloc((nuint)Length, (nuint)sizeof(T));
    }

    public T* Pointer { get; private set; }

    public long Length { get; }

    public void Dispose()
    {
        if (Pointer != null)
        {
            NativeMemory.Free(Pointer);
            Pointer = null;
        }
    }
}

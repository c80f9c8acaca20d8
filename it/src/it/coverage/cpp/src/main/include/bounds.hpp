// Header-only template code of the plugin: each instance's lines count as the plugin's own.
#pragma once

template <typename T>
T bounded(T value, T low, T high)
{
    if (value < low)
        return low; // LOW
    if (value > high)
        return high; // HIGH
    return value;
}

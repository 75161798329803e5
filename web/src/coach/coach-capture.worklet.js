// The vocal coach's microphone, off the audio thread: mono frames of exactly the size the voice
// service analyses per hop (processorOptions.frameSamples), each stamped with the audio clock's
// time just after its newest sample and, once the page has sent its clock, that moment on the page's
// clock (performance.now), so the page can trace a frame from capture to screen.
const CLOCK_SAMPLES = 8;

class DawgCoachCapture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.size = Math.max(128, Math.floor(options.processorOptions.frameSamples));
    this.frame = new Float32Array(this.size);
    this.filled = 0;
    this.active = true;
    // performance.now() - currentTime * 1000, estimated from the page's clock messages. The audio thread
    // renders in bursts and a message may arrive late, so each estimate is off by a few ms either way:
    // the median of the recent ones is used.
    this.offsets = [];
    this.port.onmessage = (event) => {
      if (event.data && event.data.type === 'clock') {
        this.offsets.push(event.data.now - currentTime * 1000);
        if (this.offsets.length > CLOCK_SAMPLES) this.offsets.shift();
      } else if (event.data === 'stop') {
        this.active = false;
        this.port.postMessage({ type: 'stopped' });
      }
    };
  }

  process(inputs) {
    const input = inputs[0];
    if (!this.active) return false;
    if (!input || !input.length) return true;
    const channels = input.length;
    const length = input[0].length;
    for (let i = 0; i < length; i++) {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += input[c][i];
      this.frame[this.filled++] = sum / channels;
      if (this.filled === this.size) {
        // currentTime is the block's first sample; this frame ends at sample i of the block.
        const endTime = currentTime + (i + 1) / sampleRate;
        const capturedAt = this.offsets.length ? endTime * 1000 + median(this.offsets) : null;
        this.port.postMessage({ type: 'frame', samples: this.frame, endTime, capturedAt }, [this.frame.buffer]);
        this.frame = new Float32Array(this.size);
        this.filled = 0;
      }
    }
    return true;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

registerProcessor('dawg-coach-capture', DawgCoachCapture);

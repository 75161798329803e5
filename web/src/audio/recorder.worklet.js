// The microphone's samples, off the audio thread: batches of ~4096 frames per channel, each
// stamped with the context time of its first frame (so the take lands exactly where it was played).
const BATCH = 4096;

class DawgRecorder extends AudioWorkletProcessor {
  constructor() {
    super();
    this.active = true;
    this.pending = [];
    this.frames = 0;
    this.batchStart = 0;
    this.port.onmessage = (event) => {
      if (event.data === 'stop') {
        this.flush();
        this.active = false;
        this.port.postMessage({ type: 'stopped' });
      }
    };
  }

  flush() {
    if (!this.frames) return;
    const channels = this.pending[0].map((_, c) => {
      const out = new Float32Array(this.frames);
      let at = 0;
      for (const block of this.pending) {
        out.set(block[c], at);
        at += block[c].length;
      }
      return out;
    });
    this.port.postMessage({ type: 'chunk', time: this.batchStart, channels }, channels.map((c) => c.buffer));
    this.pending = [];
    this.frames = 0;
  }

  process(inputs) {
    const input = inputs[0];
    if (this.active && input && input.length) {
      if (!this.frames) this.batchStart = currentTime;
      this.pending.push(input.map((channel) => channel.slice(0)));
      this.frames += input[0].length;
      if (this.frames >= BATCH) this.flush();
    }
    return this.active;
  }
}

registerProcessor('dawg-recorder', DawgRecorder);
